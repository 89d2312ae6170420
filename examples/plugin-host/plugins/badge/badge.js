// Badge plugin: draws a name in a box. Its manifest lists no host function.
function render(name) {
  const line = config.border.repeat(name.length + 4);
  return [line, `${config.border} ${name} ${config.border}`, line].join('\n');
}

// Tries a host function its manifest does not list.
function sneaky() {
  return host.exchange_rate('USD');
}

// A JavaScript plugin: greetings, and a price that asks the host for an exchange rate.
function greet(name) {
  return `${config.greeting}, ${name}!`;
}

function version() {
  return config.version;
}

function price(amount, currency) {
  return Math.round(amount * host.exchange_rate(currency) * 100) / 100;
}

function call_forbidden() {
  return host.delete_all_orders();
}

// Runs in a JavaScript interpreter. It receives the Python summary as JSON, never as a Python object.

function render(summary) {
  const letters = summary.top_letters.map(([letter, n]) => `${letter}×${n}`).join(', ');
  return `${summary.words} words; the longest is "${summary.longest}"; most used letters: ${letters}`;
}

function check(summary) {
  if (summary.words < 1) {
    throw new RangeError(`a report needs at least one word, got ${summary.words}`);
  }
  return true;
}

// A plugin that uses packages from npm (is-odd and its dependency), installed with: runner plugin install DIR
const isOdd = require('is-odd');

function odd(numbers) {
    return numbers.filter(n => isOdd(n));
}

function canRequire(name) {
    try {
        require(name);
        return true;
    } catch (e) {
        return false;
    }
}

// A 1,000-line JavaScript program for the transform benchmark (generated; realistic shapes).
'use strict';


function score0(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 0) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter0 {
    constructor(start = 0) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score1(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 3) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter1 {
    constructor(start = 1) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score2(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 6) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter2 {
    constructor(start = 2) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score3(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 9) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter3 {
    constructor(start = 3) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score4(values, weight = 5) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 12) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter4 {
    constructor(start = 4) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score5(values, weight = 6) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 15) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter5 {
    constructor(start = 5) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score6(values, weight = 7) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 18) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter6 {
    constructor(start = 6) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score7(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 21) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter7 {
    constructor(start = 7) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score8(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 24) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter8 {
    constructor(start = 8) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score9(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 27) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter9 {
    constructor(start = 9) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score10(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 30) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter10 {
    constructor(start = 10) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score11(values, weight = 5) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 33) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter11 {
    constructor(start = 11) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score12(values, weight = 6) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 36) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter12 {
    constructor(start = 12) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score13(values, weight = 7) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 39) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter13 {
    constructor(start = 13) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score14(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 42) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter14 {
    constructor(start = 14) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score15(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 45) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter15 {
    constructor(start = 15) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score16(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 48) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter16 {
    constructor(start = 16) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score17(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 51) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter17 {
    constructor(start = 17) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score18(values, weight = 5) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 54) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter18 {
    constructor(start = 18) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score19(values, weight = 6) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 57) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter19 {
    constructor(start = 19) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score20(values, weight = 7) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 60) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter20 {
    constructor(start = 20) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score21(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 63) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter21 {
    constructor(start = 21) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score22(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 66) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter22 {
    constructor(start = 22) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score23(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 69) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter23 {
    constructor(start = 23) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score24(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 72) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter24 {
    constructor(start = 24) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score25(values, weight = 5) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 75) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter25 {
    constructor(start = 25) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score26(values, weight = 6) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 78) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter26 {
    constructor(start = 26) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score27(values, weight = 7) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 81) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter27 {
    constructor(start = 27) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score28(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 84) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter28 {
    constructor(start = 28) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score29(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 87) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter29 {
    constructor(start = 29) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score30(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 90) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter30 {
    constructor(start = 30) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score31(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 93) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter31 {
    constructor(start = 31) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score32(values, weight = 5) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 96) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter32 {
    constructor(start = 32) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score33(values, weight = 6) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 99) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter33 {
    constructor(start = 33) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score34(values, weight = 7) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 6 === 0) {
            total += value * weight - index;
        } else if (value > 102) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter34 {
    constructor(start = 34) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score35(values, weight = 1) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 2 === 0) {
            total += value * weight - index;
        } else if (value > 105) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter35 {
    constructor(start = 35) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score36(values, weight = 2) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 3 === 0) {
            total += value * weight - index;
        } else if (value > 108) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter36 {
    constructor(start = 36) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score37(values, weight = 3) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 4 === 0) {
            total += value * weight - index;
        } else if (value > 111) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter37 {
    constructor(start = 37) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

function score38(values, weight = 4) {
    let total = 0;
    for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value % 5 === 0) {
            total += value * weight - index;
        } else if (value > 114) {
            total -= Math.sqrt(value) / weight;
        } else {
            total += index ** 2;
        }
    }
    return total;
}

class Counter38 {
    constructor(start = 38) {
        this.count = start;
    }
    step(by = 1) {
        this.count += by;
        return Array.from({length: by}, (_, x) => x * x + this.count).filter((_, x) => x % 2 === 0);
    }
}

const results = Array.from({length: 39}, (_, k) => globalThis["score" + k](Array.from({length: 50}, (_, v) => v)));
console.log(results.length);




















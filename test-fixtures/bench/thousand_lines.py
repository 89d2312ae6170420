"""A 1,000-line Python program for the transform benchmark (generated; realistic shapes: functions,
classes, loops, comprehensions, strings, arithmetic)."""
import math


def score_0(values, weight=1):
    """Weighted score of block 0."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 0:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter0:
    def __init__(self, start=0):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_1(values, weight=2):
    """Weighted score of block 1."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 3:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter1:
    def __init__(self, start=1):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_2(values, weight=3):
    """Weighted score of block 2."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 6:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter2:
    def __init__(self, start=2):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_3(values, weight=4):
    """Weighted score of block 3."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 9:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter3:
    def __init__(self, start=3):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_4(values, weight=5):
    """Weighted score of block 4."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 12:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter4:
    def __init__(self, start=4):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_5(values, weight=6):
    """Weighted score of block 5."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 15:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter5:
    def __init__(self, start=5):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_6(values, weight=7):
    """Weighted score of block 6."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 18:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter6:
    def __init__(self, start=6):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_7(values, weight=1):
    """Weighted score of block 7."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 21:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter7:
    def __init__(self, start=7):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_8(values, weight=2):
    """Weighted score of block 8."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 24:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter8:
    def __init__(self, start=8):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_9(values, weight=3):
    """Weighted score of block 9."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 27:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter9:
    def __init__(self, start=9):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_10(values, weight=4):
    """Weighted score of block 10."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 30:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter10:
    def __init__(self, start=10):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_11(values, weight=5):
    """Weighted score of block 11."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 33:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter11:
    def __init__(self, start=11):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_12(values, weight=6):
    """Weighted score of block 12."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 36:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter12:
    def __init__(self, start=12):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_13(values, weight=7):
    """Weighted score of block 13."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 39:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter13:
    def __init__(self, start=13):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_14(values, weight=1):
    """Weighted score of block 14."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 42:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter14:
    def __init__(self, start=14):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_15(values, weight=2):
    """Weighted score of block 15."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 45:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter15:
    def __init__(self, start=15):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_16(values, weight=3):
    """Weighted score of block 16."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 48:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter16:
    def __init__(self, start=16):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_17(values, weight=4):
    """Weighted score of block 17."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 51:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter17:
    def __init__(self, start=17):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_18(values, weight=5):
    """Weighted score of block 18."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 54:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter18:
    def __init__(self, start=18):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_19(values, weight=6):
    """Weighted score of block 19."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 57:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter19:
    def __init__(self, start=19):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_20(values, weight=7):
    """Weighted score of block 20."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 60:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter20:
    def __init__(self, start=20):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_21(values, weight=1):
    """Weighted score of block 21."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 63:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter21:
    def __init__(self, start=21):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_22(values, weight=2):
    """Weighted score of block 22."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 66:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter22:
    def __init__(self, start=22):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_23(values, weight=3):
    """Weighted score of block 23."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 69:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter23:
    def __init__(self, start=23):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_24(values, weight=4):
    """Weighted score of block 24."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 72:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter24:
    def __init__(self, start=24):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_25(values, weight=5):
    """Weighted score of block 25."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 75:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter25:
    def __init__(self, start=25):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_26(values, weight=6):
    """Weighted score of block 26."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 78:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter26:
    def __init__(self, start=26):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_27(values, weight=7):
    """Weighted score of block 27."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 81:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter27:
    def __init__(self, start=27):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_28(values, weight=1):
    """Weighted score of block 28."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 84:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter28:
    def __init__(self, start=28):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_29(values, weight=2):
    """Weighted score of block 29."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 87:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter29:
    def __init__(self, start=29):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_30(values, weight=3):
    """Weighted score of block 30."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 90:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter30:
    def __init__(self, start=30):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_31(values, weight=4):
    """Weighted score of block 31."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 93:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter31:
    def __init__(self, start=31):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_32(values, weight=5):
    """Weighted score of block 32."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 96:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter32:
    def __init__(self, start=32):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_33(values, weight=6):
    """Weighted score of block 33."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 99:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter33:
    def __init__(self, start=33):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_34(values, weight=7):
    """Weighted score of block 34."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 102:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter34:
    def __init__(self, start=34):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_35(values, weight=1):
    """Weighted score of block 35."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 105:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter35:
    def __init__(self, start=35):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_36(values, weight=2):
    """Weighted score of block 36."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 108:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter36:
    def __init__(self, start=36):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_37(values, weight=3):
    """Weighted score of block 37."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 111:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter37:
    def __init__(self, start=37):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_38(values, weight=4):
    """Weighted score of block 38."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 114:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter38:
    def __init__(self, start=38):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_39(values, weight=5):
    """Weighted score of block 39."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 117:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter39:
    def __init__(self, start=39):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_40(values, weight=6):
    """Weighted score of block 40."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 120:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter40:
    def __init__(self, start=40):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_41(values, weight=7):
    """Weighted score of block 41."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 123:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter41:
    def __init__(self, start=41):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_42(values, weight=1):
    """Weighted score of block 42."""
    total = 0
    for index, value in enumerate(values):
        if value % 4 == 0:
            total += value * weight - index
        elif value > 126:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter42:
    def __init__(self, start=42):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_43(values, weight=2):
    """Weighted score of block 43."""
    total = 0
    for index, value in enumerate(values):
        if value % 5 == 0:
            total += value * weight - index
        elif value > 129:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter43:
    def __init__(self, start=43):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_44(values, weight=3):
    """Weighted score of block 44."""
    total = 0
    for index, value in enumerate(values):
        if value % 6 == 0:
            total += value * weight - index
        elif value > 132:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter44:
    def __init__(self, start=44):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_45(values, weight=4):
    """Weighted score of block 45."""
    total = 0
    for index, value in enumerate(values):
        if value % 2 == 0:
            total += value * weight - index
        elif value > 135:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter45:
    def __init__(self, start=45):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

def score_46(values, weight=5):
    """Weighted score of block 46."""
    total = 0
    for index, value in enumerate(values):
        if value % 3 == 0:
            total += value * weight - index
        elif value > 138:
            total -= math.sqrt(value) / weight
        else:
            total += index ** 2
    return total


class Counter46:
    def __init__(self, start=46):
        self.count = start

    def step(self, by=1):
        self.count += by
        return [x * x + self.count for x in range(by) if x % 2 == 0]

results = [globals()["score_%d" % k](list(range(50))) for k in range(47)]
print(len(results))







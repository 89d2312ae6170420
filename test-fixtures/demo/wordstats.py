# Runs in a Python interpreter. Its results cross to the host (and on to JavaScript) as JSON only.

def summarize(words):
    """Counts words and letters; raises TypeError for anything but a list of strings."""
    if not isinstance(words, list):
        raise TypeError(f"summarize() wants a list of words, not {type(words).__name__}")
    letters = {}
    for word in words:
        for letter in word.lower():
            letters[letter] = letters.get(letter, 0) + 1
    top = sorted(letters.items(), key=lambda item: (-item[1], item[0]))[:3]
    return {"words": len(words), "longest": max(words, key=len), "top_letters": [list(t) for t in top]}


def make_counter():
    count = 0

    def counter():
        nonlocal count
        count += 1
        return count
    return counter


secret = "only in the Python interpreter"

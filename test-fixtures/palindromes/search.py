# The palindrome search for `runner map`: each worker interpreter runs this once (--init), then
# `keep` is called on every word of words.jsonl, in parallel, results in input order.


def keep(word):
    """A 4-letter word is kept when its first half equals its reversed second half."""
    half = len(word) // 2
    return {"word": word, "keep": word[:half] == word[half:][::-1]}

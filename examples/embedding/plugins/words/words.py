"""A plugin: word statistics of a text."""


def stats(text):
    words = text.split()
    return {'words': len(words), 'longest': max(words, key=len) if words else None}

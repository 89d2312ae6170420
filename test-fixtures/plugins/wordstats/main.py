"""A Python plugin: word statistics, and a price converter that asks the host for exchange rates."""
import host


def count_words(text):
    """Counts the words of at least config['min_length'] letters."""
    words = [w.strip('.,;:!?').lower() for w in text.split()]
    counts = {}
    for word in words:
        if len(word) >= config['min_length']:
            counts[word] = counts.get(word, 0) + 1
    return counts


def convert(amount, currency):
    """Converts an amount in EUR to `currency` with the host's rate."""
    return round(amount * host.exchange_rate(currency), 2)


def spin():
    while True:
        pass


def call_forbidden():
    return host.delete_all_orders()


def read_passwd():
    with open('/etc/passwd') as f:
        return f.read()

"""Invoice plugin: totals with VAT, converted with the host's exchange rate."""
import host


def total(lines, currency):
    """lines: [{"price": unit price in EUR, "quantity": n}, ...]; returns the gross total in `currency`."""
    net = sum(line['price'] * line['quantity'] for line in lines)
    gross = net * (1 + config['vat'])
    return {'net_eur': round(net, 2), 'gross': round(gross * host.exchange_rate(currency), 2), 'currency': currency}


def peek_at_host():
    """Tries to read a host file: the strict policy allows no file access."""
    with open('/etc/passwd') as f:
        return f.readline()


def runaway():
    """Never returns: the policy's 1 s time limit stops it."""
    while True:
        pass

"""Invoice plugin: totals with VAT, converted with the host's exchange rate."""
import host


def total(lines, currency):
    """lines: [[unit_price_eur, quantity], ...]; returns the gross total in `currency`."""
    net = sum(price * quantity for price, quantity in lines)
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

# For the coverage and print-capture built-ins.
def fizz(n):
    if n % 3 == 0:
        return 'fizz'
    return str(n)


for i in range(1, 5):
    print(fizz(i))

# The classic scenario: parse this program, swap its operators with swap_add_sub.py, run the result
# in another interpreter. Unchanged it prints 7 and 3; swapped, 3 and 7.
a = 5
b = 2
total = a + b
difference = a - b
print(total, difference)

# attack: sleep for 30 years to hold an interpreter (and its slot) without using any CPU
# expect: time-limit
import time

time.sleep(10**9)
print('ESCAPED woke up')

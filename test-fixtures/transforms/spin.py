# For the loop-budget built-in: runs forever without it; with loop-budget=1000 it stops at line 3 (the loop).
count = 0
while True:
    count += 1

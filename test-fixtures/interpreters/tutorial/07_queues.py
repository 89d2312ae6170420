# Two-way communication with queues: requests one way, answers the other.
from concurrent import interpreters

requests, answers = interpreters.create_queue(), interpreters.create_queue()
worker = interpreters.create()
worker.prepare_main(requests=requests, answers=answers)
worker.exec("""
def serve():
    while (word := requests.get()) is not None:
        answers.put({"word": word, "reversed": word[::-1]})
""")
thread = worker.call_in_thread("serve")
for word in ("stressed", "drawer", "level"):
    requests.put(word)
    print(answers.get(timeout=10))
requests.put(None)
thread.join()
worker.close()

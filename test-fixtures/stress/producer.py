# Puts `count` messages on `work`, each naming its producer and sequence number.


def produce(producer, count):
    for i in range(count):
        work.put({"producer": producer, "seq": i, "payload": f"message {i} of producer {producer}"})
    return count

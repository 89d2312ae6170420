# Takes messages from `work` until it gets None, and answers each on `done`.


def consume(consumer):
    handled = 0
    while (message := work.get()) is not None:
        done.put({"producer": message["producer"], "seq": message["seq"], "consumer": consumer,
                  "length": len(message["payload"])})
        handled += 1
    return handled

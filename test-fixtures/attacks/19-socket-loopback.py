# attack: open a TCP connection to a service on the loopback interface (ssh on port 22)
# expect: denied
import socket

connection = socket.create_connection(('127.0.0.1', 22), timeout=2)
print('ESCAPED connected', connection)

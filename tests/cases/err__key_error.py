config = {"host": "localhost", "port": 8080}
print("host:", config["host"])
print("port:", config["port"])
print("keys:", sorted(config))
print("user:", config["user"])

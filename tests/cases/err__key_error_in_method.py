class Machine:
    def __init__(self):
        self.state = "idle"

    def transition(self, event):
        table = {("idle", "start"): "running", ("running", "stop"): "idle"}
        self.state = table[(self.state, event)]
        return self.state


m = Machine()
print(m.transition("start"))
print(m.transition("stop"))
print(m.transition("stop"))

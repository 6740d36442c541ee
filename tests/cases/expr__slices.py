s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7], s[::2], s[1::3])
print(s[::-1], s[8:2:-2], s[-1:-4:-1], s[5:2], s[100:], s[-100:2])
t = "abcdefgh"
print(t[1:4], t[::-1], t[::3], t[-2:], t[:100])
print((1, 2, 3, 4)[1:3], b"bytes"[1:3], range(20)[3:15:4])
sl = slice(1, 8, 3)
print(s[sl], sl.start, sl.stop, sl.step)
print(slice(None, 5).indices(10), slice(-3, None).indices(10))
print(s[len(s):], t[3:3] == "")
s[2:5]

n = 2 ** 100
print(n)
print(n * n)
print(n // 3, n % 1000007)
print(-n // 7, -n % 7)
f = 1
for i in range(1, 31):
    f *= i
print(f, len(str(f)))
print(f.bit_length(), (f >> 40), (f & 0xFFFF))
print(10 ** 30 + 1 == 1000000000000000000000000000001)
print(pow(3, 200, 10 ** 9 + 7))
print(int("123456789012345678901234567890") * 2)
print(hex(2 ** 70), bin(2 ** 10 - 1))
-(2 ** 64)

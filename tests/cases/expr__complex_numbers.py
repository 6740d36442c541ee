z = 3 + 4j
w = complex(1, -2)
print(z, w, z + w, z * w, z / w, -z)
print(z.real, z.imag, z.conjugate(), abs(z))
print(z == complex(3, 4), 1j * 1j, (1 + 0j) == 1)
print(complex("1+2j"), repr(2j), repr(complex(0, 0)))
try:
    print(z < w)
except TypeError as e:
    print(e)
z ** 2

class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return type(self).__name__


class Dog(Animal):
    sound = "woof"


class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"


animals = [Animal("generic"), Dog("rex"), Puppy("bit")]
for a in animals:
    print(a.speak(), a.kind())
print(isinstance(animals[2], Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(isinstance(animals[1], (int, Dog)), Puppy.sound, Animal.sound)
print(Puppy("p").speak is not Dog("d").speak, Dog.speak is Animal.speak, Puppy.speak is Dog.speak)

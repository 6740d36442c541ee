# imports: datetime
from datetime import date, datetime, timedelta, time

d = date(2024, 2, 28)
print(d, d + timedelta(days=1), d + timedelta(days=2), d.weekday(), d.isoweekday())
print(d.strftime("%Y/%m/%d %A %B %j"), d.isoformat(), d.replace(day=1))
dt = datetime(2023, 12, 31, 23, 59, 30)
print(dt, dt + timedelta(seconds=45), dt.date(), dt.time(), dt.year, dt.minute)
print(dt.strftime("%H:%M:%S %p %d-%b-%y"), repr(dt))
delta = datetime(2024, 3, 1) - datetime(2024, 1, 1, 12)
print(delta, delta.days, delta.seconds, delta.total_seconds())
print(datetime.fromisoformat("2021-06-15T08:30:00"), date.fromisoformat("2020-01-05"))
print(datetime.strptime("05/07/2022 14:03", "%d/%m/%Y %H:%M"))
print(timedelta(hours=25, minutes=3), timedelta(weeks=1) // timedelta(days=2), -timedelta(hours=1))
print(date(2024, 1, 1) < date(2024, 1, 2), max(date(2020, 5, 1), date(2019, 12, 31)))
print(time(9, 5), time(14, 30, 15).isoformat(), date(2023, 1, 1).toordinal())
try:
    date(2023, 2, 29)
except ValueError as e:
    print("ValueError:", e)

"""Read queries whose SQL Django builds once per process, then runs again with new values.

Django builds the SQL of every queryset anew: for the small indexed reads a share page makes on each request
(the school year, the school, its classes, its cells) building took twice as long as MariaDB took to answer
(~0.7 ms against ~0.3 ms a query). ``Compiled`` keeps the SQL the ORM wrote, with the values of the call put
in its parameters; rows come back exactly as ``values_list`` gives them (the same converters run).

    CLASSES = Compiled(lambda school, year: SchoolClass.objects.filter(
        school__code=school, year__name=year).values_list("pk", "name"))
    CLASSES(school="22000006", year="2025-2026")  # [(pk, name), ...]

Values may be text, whole numbers, dates or UUIDs, and lists of them (``__in``): the SQL is built once for
each length of the lists (up to ``LONGEST_LIST`` items). ``None`` and booleans change the SQL itself (``IS
NULL``), so each of them is built separately too; constants written in the query stay as they are. A value
the SQL does not use (Django leaves out an integer beyond its column's range) is an error at the first
call. Only for ``values_list`` reads; anything else is better left to the ORM.
"""

import datetime
import itertools
import threading
import uuid

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections

# A plan is kept for each length of a list: longer lists are built by the ORM each time, so that the plans
# stay few.
LONGEST_LIST = 64


def _marker(value, number, variant):
    """A stand-in for ``value``, of a type the ORM prepares the same way; the two variants always differ."""
    if isinstance(value, bool) or value is None:
        raise TypeError("Compiled queries take None and booleans only as single values, not in a list")
    if isinstance(value, str):
        return f"\x1evn-query-{variant}-{number}\x1e"
    if isinstance(value, int):
        # Small: Django answers a value beyond its column's range without asking the database.
        return 1000 + 1000 * variant + number
    if isinstance(value, datetime.datetime):
        raise TypeError("Compiled queries take dates, not datetimes (time zones are the ORM's work)")
    if isinstance(value, datetime.date):
        return datetime.date(2000 + variant, 1, 1) + datetime.timedelta(days=number)
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=(variant << 64) + number)
    raise TypeError(f"Compiled queries take text, numbers, dates, UUIDs or lists of them: {type(value)}")


def _shape(value):
    if isinstance(value, list):
        return ("list", len(value))
    if isinstance(value, bool) or value is None:
        return ("value", value)
    return ("scalar", type(value))


def _adapt(value, connection):
    """``value`` as the ORM hands it to the database (``DateField``, ``UUIDField``)."""
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, uuid.UUID) and not connection.features.has_native_uuid_field:
        return value.hex
    return value


class Compiled:
    def __init__(self, build, using=DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self._plans = {}
        self._lock = threading.Lock()

    def __call__(self, **values):
        connection = connections[self.using]
        values = {name: _listed(value) for name, value in values.items()}
        if any(isinstance(value, list) and len(value) > LONGEST_LIST for value in values.values()):
            return [tuple(row) for row in self.build(**values).using(self.using)]  # no plan kept per length
        key = (connection.vendor, tuple((name, _shape(value)) for name, value in sorted(values.items())))
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._plans.setdefault(key, self._plan(values, connection))
        if plan is _EMPTY:
            return []
        sql, slots, converters = plan
        params = [_param(values, name, index, connection) for name, index in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return [tuple(row) for row in rows]
        return [_convert(row, converters, connection) for row in rows]

    def _plan(self, values, connection):
        """The SQL with, for each of its parameters, which value (and which item of a list) goes there: the
        query is built twice with different stand-ins; a parameter that differs is a value, one that does not
        is a constant of the query itself ("commune", a status)."""
        built = [self._build(values, connection, variant) for variant in (1, 2)]
        if built[0] is None:
            if any(isinstance(value, list) and not value for value in values.values()):
                return _EMPTY  # an empty list in an IN: no row can match, as the ORM answers
            raise ValueError("the ORM answers this query without the database (an integer out of its range?)")
        (sql, params, slot_of, compiler), (_sql, other_params, other_slot_of, _compiler) = built
        slots = []
        for param, other in zip(params, other_params, strict=True):
            if param == other:
                slots.append((_CONSTANT, param))
            elif param in slot_of and slot_of[param] == other_slot_of.get(other):
                slots.append(slot_of[param])
            else:
                raise ValueError(f"a parameter of the compiled query is none of its values: {param!r}")
        unused = {name for name, _index in slot_of.values()} - {name for name, _index in slots}
        if unused:
            raise ValueError(f"values the compiled query does not use: {sorted(unused)}")
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        return sql, slots, sorted(compiler.get_converters(fields).items())

    def _build(self, values, connection, variant):
        markers, slot_of, number = {}, {}, itertools.count()
        for name, value in sorted(values.items()):
            if isinstance(value, list):
                markers[name] = [_marker(item, next(number), variant) for item in value]
                for index, marker in enumerate(markers[name]):
                    slot_of[_adapt(marker, connection)] = (name, index)
            elif isinstance(value, bool) or value is None:
                markers[name] = value  # part of the SQL's shape (IS NULL, a flag): built per value
            else:
                markers[name] = _marker(value, next(number), variant)
                slot_of[_adapt(markers[name], connection)] = (name, None)
        compiler = self.build(**markers).query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        return sql, list(params), slot_of, compiler


_EMPTY = object()
_CONSTANT = object()


def _listed(value):
    return list(value) if isinstance(value, list | tuple | set | frozenset) else value


def _param(values, name, index, connection):
    if name is _CONSTANT:
        return index  # the constant itself
    return _adapt(values[name] if index is None else values[name][index], connection)


def _convert(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)

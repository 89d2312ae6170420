# A plugin that uses a package from PyPI (tabulate), installed with: runner plugin install DIR
import importlib.util

from tabulate import tabulate


def table(rows, headers):
    return tabulate(rows, headers=headers)


def has_package(name):
    return importlib.util.find_spec(name) is not None

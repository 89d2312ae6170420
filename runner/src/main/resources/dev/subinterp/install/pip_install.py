"""runner packages install --lang python: GraalPy's own pip, wheels only, staged and checked before DIR changes.

pip is the one GraalPy's ensurepip bundles (GraalPy's patched pip: its package patches apply). It installs into
an empty staging directory; nothing reaches the target unless every distribution in it is pure Python.
"""
import glob
import importlib.metadata
import os
import shutil
import sys
import tempfile

import ensurepip

NATIVE_SUFFIXES = ('.so', '.pyd', '.dylib', '.dll')


def _pip():
    wheel = glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl'))[0]
    if wheel not in sys.path:
        sys.path.insert(0, wheel)   # pip runs from its wheel, as ensurepip runs it


def _installed(target):
    from pip._vendor.packaging.utils import canonicalize_name
    return {canonicalize_name(d.metadata['Name']): d.version for d in importlib.metadata.distributions(path=[target])}


def _wanted(specs, requirement_files):
    """The requirements to check for a no-op, or None when one cannot be checked without pip (options, URLs)."""
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
    from pip._vendor.packaging.utils import InvalidWheelFilename, parse_wheel_filename
    lines = list(specs)
    for path in requirement_files:
        with open(path, encoding='utf-8') as f:
            lines += [line.split(' #')[0].strip() for line in f if line.strip() and not line.lstrip().startswith('#')]
    wanted = []
    for line in lines:
        if line.endswith('.whl'):
            try:
                name, version, _, _ = parse_wheel_filename(os.path.basename(line))
            except InvalidWheelFilename:
                return None
            wanted.append((name, lambda v, version=version: v == str(version)))
            continue
        if line.startswith('-'):
            return None
        try:
            req = Requirement(line)
        except InvalidRequirement:
            return None
        if req.url or req.marker is not None and not req.marker.evaluate():
            return None
        wanted.append((req.name, lambda v, spec=req.specifier: not spec or spec.contains(v, prereleases=True)))
    return wanted


def _native_files(staging):
    """{distribution: first native file} for every distribution in staging that brings compiled code."""
    found = {}
    for dist in importlib.metadata.distributions(path=[staging]):
        for file in dist.files or []:
            if str(file).endswith(NATIVE_SUFFIXES) or '.so.' in str(file):
                found.setdefault(f"{dist.metadata['Name']} {dist.version}", str(file))
    return found


def _remove_old(target, name):
    """Uninstalls the distribution called name from target: the files its RECORD lists, then its metadata."""
    from pip._vendor.packaging.utils import canonicalize_name
    for dist in list(importlib.metadata.distributions(path=[target])):
        if canonicalize_name(dist.metadata['Name']) != canonicalize_name(name):
            continue
        for file in dist.files or []:
            path = os.path.normpath(os.path.join(target, str(file)))
            if path.startswith(os.path.join(target, '')) and os.path.isfile(path):
                os.remove(path)
        shutil.rmtree(str(dist._path), ignore_errors=True)


def _merge(source, destination):
    """Moves source's entries into destination, directories merged (namespace packages), files replaced."""
    for entry in os.listdir(source):
        src, dst = os.path.join(source, entry), os.path.join(destination, entry)
        if os.path.isdir(src) and os.path.isdir(dst) and not os.path.islink(dst):
            _merge(src, dst)
        else:
            if os.path.isdir(dst) and not os.path.islink(dst):
                shutil.rmtree(dst)
            elif os.path.lexists(dst):
                os.remove(dst)
            shutil.move(src, dst)


def install(target, specs, requirement_files, pip_options):
    """Returns [exit code, lines for stdout, lines for stderr]: the command line prints them (pip prints its own)."""
    out, err = [], []
    return [_install(target, specs, requirement_files, pip_options, out, err), out, err]


def _install(target, specs, requirement_files, pip_options, out, err):
    target = os.path.abspath(target)
    os.makedirs(target, exist_ok=True)
    if '--no-index' in pip_options and 'PIP_GRAALPY_PATCHES_URL' not in os.environ:
        # offline: GraalPy's bundled package patches, without first asking the network for newer ones
        os.environ['PIP_GRAALPY_PATCHES_URL'] = os.path.join(__graalpython__.home, 'lib-graalpython', 'patches')
    _pip()
    from pip._vendor.packaging.utils import canonicalize_name
    wanted = _wanted(specs, requirement_files)
    installed = _installed(target)
    if wanted and all(canonicalize_name(name) in installed and ok(installed[canonicalize_name(name)]) for name, ok in wanted):
        out.append('runner: already installed in ' + target + ': '
                   + ', '.join(sorted(n + ' ' + installed[n] for n in installed)))
        return 0
    staging = tempfile.mkdtemp(prefix='runner-packages-')
    try:
        from pip._internal.cli.main import main as pip
        args = ['install', '--target', staging, '--only-binary', ':all:', '--root-user-action', 'ignore',
                '--disable-pip-version-check', '--no-warn-script-location', '--no-input'] + list(pip_options)
        for path in requirement_files:
            args += ['-r', path]
        if pip(args + list(specs)) != 0:
            refused = [s for s in specs if s.endswith('.whl') and not s.endswith('-none-any.whl')]
            for spec in refused:
                err.append('runner: ' + os.path.basename(spec) + ' is built for CPython (a C extension); only pure-Python'
                           ' wheels run on GraalPy under a sandbox; nothing was installed')
            if not refused:
                err.append('runner: pip could not install them (above); a package that has only C-extension wheels cannot'
                           ' run on GraalPy under a sandbox, only pure-Python wheels do; nothing was installed')
            return 1
        native = _native_files(staging)
        if native:
            for dist, file in sorted(native.items()):
                err.append('runner: ' + dist + ' needs native code (' + file + '), which cannot run under a sandbox;'
                           ' nothing was installed')
            return 1
        new = sorted((d.metadata['Name'], d.version) for d in importlib.metadata.distributions(path=[staging]))
        for name, _ in new:
            _remove_old(target, name)
        _merge(staging, target)
        out.append('runner: installed in ' + target + ': ' + ', '.join(name + ' ' + version for name, version in new))
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)

function f() { return Java.type('java.lang.System').getenv('HOME'); }

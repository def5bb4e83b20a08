// The build failed (invoker.properties says it must); check it said where and why.
def log = new File(basedir, 'build.log').text
assert log.contains("src/main/symdiff/demo/broken.sd:2:9: error: unexpected '*'") : 'no file:line:col in the log'
assert log.contains('  f = x + * y')
assert !new File(basedir, 'target/generated-sources/symdiff/demo/Broken.java').exists()
return true

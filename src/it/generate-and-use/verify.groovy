// Runs after both builds of invoker.properties; build.log holds the last one.
def generated = new File(basedir, 'target/generated-sources/symdiff/demo/CircleNet.java')
def testGenerated = new File(basedir, 'target/generated-test-sources/symdiff/demo/Probe.java')
def gradientTest = new File(basedir, 'target/generated-test-sources/symdiff/demo/CircleNetTest.java')
assert generated.isFile() : "missing $generated"
assert testGenerated.isFile() : "missing $testGenerated"
assert gradientTest.isFile() : "missing $gradientTest (JUnit 5 is a test dependency, so each spec gets its test)"
assert generated.text.contains('public static double gradient(double x, double y, double w, double b, double[] grad)')
assert generated.text.contains('public static double hessian(double x, double y, double w, double b, double[] H)')
assert !new File(basedir, 'target/classes/demo/Probe.class').exists() : 'a test spec leaked into the main classes'

def log = new File(basedir, 'build.log').text
// the project's own 4 tests and the 2 of the generated CircleNetTest
assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('symdiff: 1 test(s) of spec(s) in src/main/symdiff: 0 generated, 1 up to date')
assert log.contains('symdiff: 1 spec(s) in src/main/symdiff: 0 generated, 1 up to date')
assert log.contains('symdiff: 1 spec(s) in src/test/symdiff: 0 generated, 1 up to date')
return true

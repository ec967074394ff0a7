//go:build race

package credit_test

// raceDetector: the tests run under the race detector, which makes each
// operation several times slower; long histories are shortened.
const raceDetector = true

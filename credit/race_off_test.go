//go:build !race

package credit_test

// raceDetector: see race_on_test.go.
const raceDetector = false

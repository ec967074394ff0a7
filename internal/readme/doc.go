// Package readme holds no code: its test checks that every Go snippet in
// the project's README is, word for word, the body of an Example function
// (which go test runs and checks) or a declaration in the library, so the
// README cannot drift from code that compiles and works.
package readme

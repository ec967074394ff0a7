// Package examples holds no library code. Each directory below it is a
// program that a new user runs first to see the library at work; a program
// that needs more than the library's own dependencies (a database driver)
// is a nested module of its own, with its reason in its README.
package examples

module github.com/justspend/justspend

go 1.26

require (
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.26
	github.com/shopspring/decimal v1.6.0
)

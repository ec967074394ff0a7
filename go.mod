module github.com/justspend/justspend

go 1.26

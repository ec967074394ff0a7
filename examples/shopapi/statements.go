package main

import (
	"net/http"
	"strconv"

	"github.com/justspend/justspend/billing"
)

// statementList is the body of GET /lines/{line}/statements.
type statementList struct {
	Statements []billing.Statement `json:"statements"` // oldest first; [] before the first
}

// statements: GET /lines/{line}/statements, every statement the line has
// had, oldest first, after bringing it to today (which cuts any statement
// due by then).
func (s *server) statements(r *http.Request) (int, any, error) {
	l, err := s.lineToday(r.Context(), r.PathValue("line"))
	if err != nil {
		return 0, nil, err
	}
	all, err := s.engine.Statements(r.Context(), l.ID) // the line keeps the latest; older ones are archived
	if err != nil {
		return 0, nil, err
	}
	list := statementList{Statements: all}
	if list.Statements == nil {
		list.Statements = []billing.Statement{}
	}
	return http.StatusOK, list, nil
}

// latestStatement: GET /lines/{line}/statements/latest, the last
// billing.Statement; 404 no_statement before the first.
func (s *server) latestStatement(r *http.Request) (int, any, error) {
	l, err := s.lineToday(r.Context(), r.PathValue("line"))
	if err != nil {
		return 0, nil, err
	}
	if len(l.Statements) == 0 {
		return 0, nil, &apiError{Status: http.StatusNotFound, Code: "no_statement",
			Message: "line " + strconv.Quote(l.ID) + " has had no statement yet; the first is cut on its statement day"}
	}
	return http.StatusOK, l.Statements[len(l.Statements)-1], nil
}

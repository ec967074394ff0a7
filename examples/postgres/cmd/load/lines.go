package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// lineSet hands clients their lines: groups of clients share a line (one
// group per client on distinct lines, one group of every client on the hot
// line), and a group moves on to a fresh line after per authorizations
// (never when per is 0), so that the figures are of lines of a bounded
// length. A group's first line is opened before the clock starts; the
// others when first needed, by the client that needs it, timed.
type lineSet struct {
	prefix string
	per    int
	open   func(ctx context.Context, ids []string) error
	groups []lineGroup
}

type lineGroup struct {
	started atomic.Int64 // authorizations handed a line
	opened  atomic.Int64 // lines opened
	mu      sync.Mutex   // held while opening a line
	ids     []string     // opened, under mu
}

// newLineSet opens the first line of each of groups groups.
func newLineSet(ctx context.Context, prefix string, groups, per int, open func(ctx context.Context, ids []string) error) (*lineSet, error) {
	s := &lineSet{prefix: prefix, per: per, open: open, groups: make([]lineGroup, groups)}
	first := make([]string, groups)
	for g := range first {
		first[g] = s.id(g, 0)
	}
	if err := open(ctx, first); err != nil {
		return nil, err
	}
	for g := range s.groups {
		s.groups[g].opened.Store(1)
		s.groups[g].ids = []string{first[g]}
	}
	return s, nil
}

func (s *lineSet) id(group int, i int64) string { return fmt.Sprintf("%s-%d-%d", s.prefix, group, i) }

// next returns the line for group's next authorization, opening it if it
// is new.
func (s *lineSet) next(ctx context.Context, group int) (string, error) {
	g := &s.groups[group]
	var i int64
	if k := g.started.Add(1) - 1; s.per > 0 {
		i = k / int64(s.per)
	}
	if i >= g.opened.Load() {
		g.mu.Lock()
		defer g.mu.Unlock()
		for n := g.opened.Load(); n <= i; n++ {
			id := s.id(group, n)
			if err := s.open(ctx, []string{id}); err != nil {
				return "", err
			}
			g.ids = append(g.ids, id)
			g.opened.Store(n + 1)
		}
	}
	return s.id(group, i), nil
}

// all returns every line opened.
func (s *lineSet) all() []string {
	var ids []string
	for g := range s.groups {
		s.groups[g].mu.Lock()
		ids = append(ids, s.groups[g].ids...)
		s.groups[g].mu.Unlock()
	}
	return ids
}

package memstore

import "slices"

// Lines returns the IDs of the lines that have records, sorted: for a host
// that reports on every line (credit.Report) or walks them at month-end.
// A line being opened while Lines runs may or may not be in it.
func (s *Store) Lines() []string {
	var ids []string
	s.lines.Range(func(id, j any) bool {
		jj := j.(*journal)
		jj.mu.Lock()
		if len(jj.records) > 0 {
			ids = append(ids, id.(string))
		}
		jj.mu.Unlock()
		return true
	})
	slices.Sort(ids)
	return ids
}

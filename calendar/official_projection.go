package calendar

// ChinaProjected returns mainland China's calendar from the State
// Council's notices (China) where they exist and from ChinaProjection
// beyond them, so that it answers every date. IsProjected tells which
// answers are projected; a notice loaded later with With replaces the
// projection for its year.
func ChinaProjected() (*Official, error) {
	o, err := China()
	if err != nil {
		return nil, err
	}
	p, err := ChinaProjection()
	if err != nil {
		return nil, err
	}
	return o.WithProjection(p), nil
}

// WithProjection returns a calendar with o's notices that asks p about
// every date the notices do not cover; a nil p removes the projection. o is
// unchanged. Calendars made from the result with With keep p, so a year
// whose notice is loaded later is official and the projection answers
// only the years without notices.
func (o *Official) WithProjection(p *Projection) *Official {
	c := *o
	c.proj = p
	return &c
}

// Projection returns the calendar's projection, or nil.
func (o *Official) Projection() *Projection { return o.proj }

// IsProjected reports whether the calendar answers d from its projection
// rather than from a notice.
func (o *Official) IsProjected(d Date) bool { return o.proj != nil && !o.official(d) }

// Covers reports whether the calendar has data for d: a notice, or a
// projection that covers d (Projection.Covers). For a date it does not
// cover, IsWorkingDay either fails (no projection) or answers from
// weekends and fixed-date holidays only.
func (o *Official) Covers(d Date) bool {
	return o.official(d) || o.proj != nil && o.proj.Covers(d)
}

// Until returns the last date the calendar covers, by a notice or by its
// projection, or the zero Date for a calendar with neither.
func (o *Official) Until() Date {
	_, last := o.Covered()
	if o.proj != nil {
		if _, p := o.proj.Covered(); p.After(last) {
			last = p
		}
	}
	return last
}

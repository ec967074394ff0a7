package credit

import (
	"context"
	"strconv"
)

// WhatIfEnds replays line id as WhatIf does and returns the line it comes
// to under the product as it is and as proposed (nil when the proposal
// stops), with the report's line.
func (e *Engine) WhatIfEnds(ctx context.Context, proposed Product, id string) (cur, pro *Line, ln WhatIfLine, err error) {
	w, err := e.whatIf(proposed, WhatIfOptions{})
	if err != nil {
		return nil, nil, WhatIfLine{}, err
	}
	ln, _, err = w.line(ctx, id)
	if err != nil || w.ends[0] == nil {
		return nil, nil, ln, err
	}
	cur = w.ends[0].copyOut()
	if ln.Stopped == nil {
		pro = w.ends[1].copyOut()
	}
	return cur, pro, ln, nil
}

// Cached returns the Engine's cache entries by line ID: the same entries
// compare equal.
func (e *Engine) Cached() map[string]any {
	out := map[string]any{}
	for i := range e.cache.shards {
		sh := &e.cache.shards[i]
		sh.mu.Lock()
		for id, c := range sh.lines {
			out[id] = c
		}
		sh.mu.Unlock()
	}
	return out
}

// CollidingKeys returns two different keys (purchase IDs, if purchases)
// with the same fingerprint in the Engine's indexes.
func CollidingKeys(prefix string, purchases bool) (string, string) {
	kind := byte(printKey)
	if purchases {
		kind = printPurchase
	}
	seen := map[uint32]string{}
	for i := 0; ; i++ {
		s := prefix + strconv.Itoa(i)
		p := fingerprint(kind, s)
		if o, ok := seen[p]; ok {
			return o, s
		}
		seen[p] = s
	}
}

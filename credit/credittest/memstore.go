package credittest

import "github.com/justspend/justspend/credit/memstore"

// MemStore is the library's in-memory store, memstore.Store, under the
// name tests have always used. Production code imports package memstore
// instead, which links neither testing nor go-cmp.
type MemStore = memstore.Store

// NewMemStore returns an empty in-memory store: memstore.New.
func NewMemStore() *MemStore { return memstore.New() }

package credittest

import (
	"testing"

	"github.com/justspend/justspend/credit"
)

func TestMemStoreConformance(t *testing.T) {
	RunStoreTests(t, func() credit.Store { return NewMemStore() })
}

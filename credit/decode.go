package credit

import "github.com/justspend/justspend/internal/strictjson"

// DecodeCommand decodes a command from JSON into cmd, a pointer to one of
// the command types (OpenLine, Authorize, PurchaseCommand, Payment,
// LineCommand, Payoff, Reversal), strictly: unknown fields, trailing data, malformed values
// (an amount with more decimals than its currency has, an unknown
// currency, a bad date), JSON that is not valid UTF-8, a key given twice,
// a key in another case than the field's ("LINE" for "line") and an
// escaped lone surrogate ("\ud800") are a *CommandError with code
// "bad_json", and leave cmd as it was. Each of those would let two
// different documents decode to one command, or a gateway that read the
// document see another command than the Engine runs. It is for hosts that
// take commands from the network; the Engine checks the decoded command
// as it would any other.
func DecodeCommand(data []byte, cmd any) error {
	switch c := cmd.(type) {
	case *OpenLine:
		return decodeInto(data, c)
	case *Authorize:
		return decodeInto(data, c)
	case *PurchaseCommand:
		return decodeInto(data, c)
	case *Payment:
		return decodeInto(data, c)
	case *LineCommand:
		return decodeInto(data, c)
	case *Payoff:
		return decodeInto(data, c)
	case *Reversal:
		return decodeInto(data, c)
	}
	return &CommandError{Op: "decode", Code: "bad_command_type", Reason: "not a pointer to a command type"}
}

// decodeInto decodes data into a fresh T and, if it is valid, stores it
// in dst.
func decodeInto[T any](data []byte, dst *T) error {
	if dst == nil {
		return &CommandError{Op: "decode", Code: "bad_command_type", Reason: "a nil pointer"}
	}
	var v T
	if err := strictjson.DecodeExact(data, &v); err != nil {
		return &CommandError{Op: "decode", Code: "bad_json", Reason: "the command is not valid", Err: err}
	}
	*dst = v
	return nil
}

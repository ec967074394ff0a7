package credit

import "github.com/justspend/justspend/internal/strictjson"

// DecodeCommand decodes a command from JSON into cmd, a pointer to one of
// the command types (OpenLine, Authorize, PurchaseCommand, Payment,
// LineCommand), strictly: unknown fields, trailing data and malformed
// values (an amount with more decimals than its currency has, an unknown
// currency, a bad date) are a *CommandError with code "bad_json". It is
// for hosts that take commands from the network; the Engine checks the
// decoded command as it would any other.
func DecodeCommand(data []byte, cmd any) error {
	switch cmd.(type) {
	case *OpenLine, *Authorize, *PurchaseCommand, *Payment, *LineCommand:
	default:
		return &CommandError{Op: "decode", Code: "bad_command_type", Reason: "not a pointer to a command type"}
	}
	if err := strictjson.Decode(data, cmd); err != nil {
		return &CommandError{Op: "decode", Code: "bad_json", Reason: "the command is not valid", Err: err}
	}
	return nil
}

// Confirms on real Go (built with Debian's Go 1.19) what `poolcheck fuzz` found as a
// panic on the fixed pool (scenarios/FINDINGS.md, "Generated workloads", 8): a
// SetConnMaxLifetime that lowers the lifetime after DB.Close, before the connectionCleaner
// has run again, panics with "send on closed channel". (*DB).Close closes db.cleanerCh
// but leaves the field set (the cleaner clears it when it next runs); SetConnMaxLifetime
// wakes the cleaner with a non-blocking send on db.cleanerCh whenever it is non-nil, and
// a send on a closed channel panics even in a select with a default case.
//
// Each trial, on a fresh DB over a trivial driver, with GOMAXPROCS 1 so that the cleaner
// Close wakes does not run before the next call: Ping (one conn open),
// SetConnMaxLifetime(time.Hour) (starts the cleaner), Close, then
// SetConnMaxLifetime(time.Minute), recovering its panic. Reproduced when the panic is
// "send on closed channel". The control, SetConnMaxLifetime(time.Hour) again (not lower,
// so no send), must not panic.
//
// Prints one line (`confirm lifetime_after_close_panics ... result=confirmed|not-confirmed`)
// and exits 0 when the share of trials that reproduced is at least -share and all trials
// took at most -within; 1 when not; 2 on bad flags.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"runtime"
	"time"

	"poolcheck/confirm/trials"
)

// setAfterClose returns the panic value of SetConnMaxLifetime(d) right after Close of a
// DB whose cleaner runs with a lifetime of an hour (nil: no panic).
func setAfterClose(d time.Duration) (recovered any, err error) {
	db := sql.OpenDB(trials.NopConnector{})
	if err := db.Ping(); err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(time.Hour)
	if err := db.Close(); err != nil {
		return nil, err
	}
	defer func() { recovered = recover() }()
	db.SetConnMaxLifetime(d)
	return nil, nil
}

func trial() (bool, error) {
	got, err := setAfterClose(time.Minute)
	if err != nil {
		return false, err
	}
	control, err := setAfterClose(time.Hour)
	if err != nil {
		return false, err
	}
	return fmt.Sprint(got) == "send on closed channel" && control == nil, nil
}

func main() {
	fs := flag.NewFlagSet("lifetime_after_close_panics", flag.ContinueOnError)
	opts := trials.Flags(fs, 20)
	trials.Parse(fs, opts)
	runtime.GOMAXPROCS(1)
	trials.Run("lifetime_after_close_panics", opts, trial)
}

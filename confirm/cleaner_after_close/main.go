// Confirms on real Go (built with Debian's Go 1.19) what `poolcheck fuzz` found as an I4
// failure on every modelled version (scenarios/FINDINGS.md, "Generated workloads"): a
// SetConnMaxLifetime after DB.Close, while a conn is still open, starts a
// connectionCleaner goroutine that outlives Close. startCleanerLocked checks that a conn
// is open and that no cleaner runs, not that the DB is closed.
//
// Each trial, on a fresh DB over a trivial driver (one conn kept by a sql.Conn): Close the
// DB, then SetConnMaxLifetime(time.Millisecond), and look for a goroutine running
// (*DB).connectionCleaner in runtime.Stack within -settle. The calls are sequential, so
// every trial reproduces; the goroutine exits by itself at its first tick (1 s later).
//
// Prints one line (`confirm cleaner_after_close ... result=confirmed|not-confirmed`) and
// exits 0 when the share of trials that reproduced is at least -share and all trials took
// at most -within; 1 when not; 2 on bad flags.
package main

import (
	"context"
	"database/sql"
	"flag"
	"runtime"
	"strings"
	"time"

	"poolcheck/confirm/trials"
)

// cleaners counts the goroutines now running (*DB).connectionCleaner.
func cleaners() int {
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	return strings.Count(stacks, "database/sql.(*DB).connectionCleaner(")
}

// trial reports whether a cleaner started after Close (none ran before it).
func trial(settle time.Duration) (bool, error) {
	before := cleaners()
	db := sql.OpenDB(trials.NopConnector{})
	c, err := db.Conn(context.Background()) // keeps one conn open across Close
	if err != nil {
		return false, err
	}
	if err := db.Close(); err != nil {
		return false, err
	}
	db.SetConnMaxLifetime(time.Millisecond)
	deadline := time.Now().Add(settle)
	for cleaners() <= before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	started := cleaners() > before
	c.Close()
	return started, nil
}

func main() {
	fs := flag.NewFlagSet("cleaner_after_close", flag.ContinueOnError)
	opts := trials.Flags(fs, 5)
	settle := fs.Duration("settle", 200*time.Millisecond, "how long to look for the cleaner")
	trials.Parse(fs, opts)
	trials.Run("cleaner_after_close", opts, func() (bool, error) {
		ok, err := trial(*settle)
		time.Sleep(1100 * time.Millisecond) // let this trial's cleaner reach its first tick and exit
		return ok, err
	})
}

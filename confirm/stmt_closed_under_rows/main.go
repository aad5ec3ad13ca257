// Confirms on real Go (built with Debian's Go 1.19) the known bug poolcheck names
// tx-stmt-closed-under-rows (invariant I8): Stmt.Close of a statement prepared on a Tx
// (or a Conn) closes the driver statement at once, while rows of its Query are still
// open, although driver.Stmt promises drivers that "a Stmt will not be closed if it's
// in use by any queries". A DB statement, by contrast, defers the driver Close until its
// rows are closed (removeDep), which this program checks too, as the control.
//
// Each trial, on a fresh DB: prepare on a Tx (then on a Conn, then on the DB), Query,
// Stmt.Close with the rows open, read and close the rows, end the Tx/Conn. The driver
// (driver.go) records, at each driver Stmt.Close, how many of that statement's rows were
// open. No schedule needs forcing: the calls are sequential, so every trial reproduces.
//
// Prints one line (`confirm stmt_closed_under_rows ... result=confirmed|not-confirmed`)
// and exits 0 when the share of trials that reproduced (Tx and Conn statements closed
// under open rows, the DB statement not) is at least -share and all trials took at most
// -within; 1 when not; 2 on bad flags.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"

	"poolcheck/confirm/trials"
)

// scope prepares a statement somewhere and ends that somewhere.
type scope struct {
	name    string
	prepare func(ctx context.Context, db *sql.DB) (*sql.Stmt, func() error, error)
}

var scopes = []scope{
	{"tx", func(ctx context.Context, db *sql.DB) (*sql.Stmt, func() error, error) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return nil, nil, err
		}
		s, err := tx.PrepareContext(ctx, "Q")
		return s, tx.Commit, err
	}},
	{"conn", func(ctx context.Context, db *sql.DB) (*sql.Stmt, func() error, error) {
		c, err := db.Conn(ctx)
		if err != nil {
			return nil, nil, err
		}
		s, err := c.PrepareContext(ctx, "Q")
		return s, c.Close, err
	}},
	{"db", func(ctx context.Context, db *sql.DB) (*sql.Stmt, func() error, error) {
		s, err := db.PrepareContext(ctx, "Q")
		return s, func() error { return nil }, err
	}},
}

// openRowsAtClose runs one scope and returns the open-rows count the driver saw at the
// statement's first driver Close made while the rows were open (-1: none was).
func openRowsAtClose(sc scope) (int, error) {
	rec := &recorder{}
	db := sql.OpenDB(&connector{rec: rec})
	defer db.Close()
	ctx := context.Background()
	s, end, err := sc.prepare(ctx, db)
	if err != nil {
		return 0, err
	}
	rows, err := s.QueryContext(ctx)
	if err != nil {
		return 0, err
	}
	if err := s.Close(); err != nil {
		return 0, err
	}
	seen := -1
	for _, c := range rec.snapshot() {
		seen = c.openRows
	}
	for rows.Next() {
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	return seen, end()
}

// trial reports whether the Tx and Conn statements were closed under open rows and the
// DB statement was not.
func trial() (bool, error) {
	got := map[string]int{}
	for _, sc := range scopes {
		n, err := openRowsAtClose(sc)
		if err != nil {
			return false, fmt.Errorf("%s: %v", sc.name, err)
		}
		got[sc.name] = n
	}
	return got["tx"] == 1 && got["conn"] == 1 && got["db"] == -1, nil
}

func main() {
	fs := flag.NewFlagSet("stmt_closed_under_rows", flag.ContinueOnError)
	opts := trials.Flags(fs, 20)
	trials.Parse(fs, opts)
	trials.Run("stmt_closed_under_rows", opts, trial)
}

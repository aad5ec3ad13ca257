// Runs a workload through real database/sql the way scenarios/run_op.cc and
// cli/export_run.cc run it on the C++ pool: open the DB on the fake connector, apply the
// pool settings, run the clients one after another (each in its own goroutine), take
// Stats(), Close, take Stats() again. Each op as user code would: rows read then closed,
// transactions committed (or rolled back), conns and statements closed.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// clientWaitLimit: real time a client may take before the run is reported as stuck.
const clientWaitLimit = 10 * time.Second

// statementer: what DB, Tx and Conn share.
type statementer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

type pinger interface {
	PingContext(ctx context.Context) error
}

type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// firstError keeps the first error of an op made of several calls.
type firstError struct{ err error }

func (f *firstError) note(err error) {
	if f.err == nil && err != nil {
		f.err = err
	}
}

func hold(o op) { clock.Advance(o.DurationNs) }

// columnCount: COUNT has one column, SELECT two.
func columnCount(query string) int {
	if q, err := parseQuery(query); err == nil && q.kind == qCount {
		return 1
	}
	return 2
}

func scanDest(n int) []any {
	vals := make([]any, n)
	dest := make([]any, n)
	for i := range vals {
		dest[i] = &vals[i]
	}
	return dest
}

func readRows(rows *sql.Rows, o op) error {
	var f firstError
	dest := scanDest(columnCount(o.Query))
	for read := 0; (o.Rows < 0 || read < o.Rows) && rows.Next(); read++ {
		f.note(rows.Scan(dest...))
	}
	f.note(rows.Err())
	hold(o)
	f.note(rows.Close())
	return f.err
}

func scanRow(row *sql.Row, o op) error {
	err := row.Scan(scanDest(columnCount(o.Query))...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

func runPrepare(x statementer, ctx context.Context, o op) error {
	stmt, err := x.PrepareContext(ctx, o.Query)
	if err != nil {
		return err
	}
	var f firstError
	for i := 0; i < o.Repeat && f.err == nil; i++ {
		_, err := stmt.ExecContext(ctx)
		f.note(err)
	}
	hold(o)
	f.note(stmt.Close())
	return f.err
}

func runInner(x any, ctx context.Context, inner []op, f *firstError) {
	for _, o := range inner {
		f.note(runOn(x, ctx, o))
		if f.err != nil {
			return
		}
	}
}

func runTx(b beginner, ctx context.Context, o op) error {
	tx, err := b.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	var f firstError
	runInner(tx, ctx, o.Inner, &f)
	if f.err != nil && ctx.Err() != nil {
		return f.err
	}
	hold(o)
	if o.Rollback || f.err != nil {
		f.note(tx.Rollback())
	} else {
		f.note(tx.Commit())
	}
	return f.err
}

func runConn(db *sql.DB, ctx context.Context, o op) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	var f firstError
	runInner(conn, ctx, o.Inner, &f)
	hold(o)
	f.note(conn.Close())
	return f.err
}

// runOn runs one op on a DB, Tx or Conn. Only Background contexts reach here (the
// workload check refuses timeouts and cancellation).
func runOn(x any, ctx context.Context, o op) error {
	s := x.(statementer)
	switch o.Kind {
	case "Exec":
		_, err := s.ExecContext(ctx, o.Query)
		return err
	case "Query":
		rows, err := s.QueryContext(ctx, o.Query)
		if err != nil {
			return err
		}
		return readRows(rows, o)
	case "QueryRow":
		return scanRow(s.QueryRowContext(ctx, o.Query), o)
	case "Prepare":
		return runPrepare(s, ctx, o)
	case "Sleep":
		clock.Advance(o.DurationNs)
		return nil
	case "Ping":
		if p, ok := x.(pinger); ok {
			return p.PingContext(ctx)
		}
	case "Tx":
		if b, ok := x.(beginner); ok {
			return runTx(b, ctx, o)
		}
	}
	if db, ok := x.(*sql.DB); ok {
		switch o.Kind {
		case "Conn":
			return runConn(db, ctx, o)
		case "SetMaxOpenConns":
			db.SetMaxOpenConns(o.N)
			return nil
		case "SetMaxIdleConns":
			db.SetMaxIdleConns(o.N)
			return nil
		case "CloseDB":
			return db.Close()
		}
	}
	return fmt.Errorf("%s: not supported here", o.Kind)
}

func statsOf(db *sql.DB) stats {
	s := db.Stats()
	return stats{MaxOpen: s.MaxOpenConnections, Open: s.OpenConnections, InUse: s.InUse,
		Idle: s.Idle, WaitCount: s.WaitCount, MaxIdleClosed: s.MaxIdleClosed,
		MaxIdleTimeClosed: s.MaxIdleTimeClosed, MaxLifetimeClosed: s.MaxLifetimeClosed}
}

// runWorkload runs w through real database/sql; runs must not overlap (one clock).
func runWorkload(w workload) outcome {
	clock.Reset()
	state := newDriverState(w.Driver)
	db := sql.OpenDB(&fakeConnector{state: state})
	db.SetMaxIdleConns(w.Pool.MaxIdle)
	db.SetMaxOpenConns(w.Pool.MaxOpen)
	if w.Pool.MaxLifetimeNs > 0 {
		db.SetConnMaxLifetime(time.Duration(w.Pool.MaxLifetimeNs))
	}
	if w.Pool.MaxIdleTimeNs > 0 {
		db.SetConnMaxIdleTime(time.Duration(w.Pool.MaxIdleTimeNs))
	}
	out := outcome{Format: outcomeFormat}
	var ops []opOutcome
	for c, cl := range w.Clients {
		done := make(chan []opOutcome, 1)
		go func(c int, cl client) {
			clock.Advance(cl.StartDelayNs)
			var mine []opOutcome
			for i, o := range cl.Ops {
				res := opOutcome{Client: uint32(c), Op: uint32(i)}
				if err := runOn(db, context.Background(), o); err != nil {
					res.Error = err.Error()
				}
				mine = append(mine, res)
			}
			done <- mine
		}(c, cl)
		select {
		case mine := <-done:
			ops = append(ops, mine...)
		case <-time.After(clientWaitLimit):
			out.RunFailure = fmt.Sprintf("client %d did not finish within %v of real time", c, clientWaitLimit)
			state.withLock(func() { out.Calls = append([]callRecord(nil), state.calls...) })
			out.Ops = ops
			return out
		}
	}
	out.Ops = ops
	out.StatsBeforeClose = statsOf(db)
	if w.CloseDBAtEnd {
		db.Close()
	}
	out.Stats = statsOf(db)
	state.withLock(func() { out.Calls = append([]callRecord(nil), state.calls...) })
	return out
}

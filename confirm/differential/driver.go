// The Go fake driver: the objects of model/fakedb (connector, conn with or without
// SessionResetter and Validator, statement, rows, tx) over the shared driverState, making
// the same calls with the same ids: conns 1, 2, 3... in order of successful open;
// statement, rows and tx ids counted driver-wide from 1 on success.
package main

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
)

type fakeConnector struct{ state *driverState }

func (c *fakeConnector) Connect(ctx context.Context) (driver.Conn, error) {
	id, err := c.state.runOpen(ctx)
	if err != nil {
		return nil, err
	}
	base := &fakeConn{state: c.state, id: id}
	o := c.state.opts
	switch {
	case o.SessionResetter && o.ConnectionValidator:
		return &connResetterValidator{base}, nil
	case o.SessionResetter:
		return &connResetter{base}, nil
	case o.ConnectionValidator:
		return &connValidator{base}, nil
	}
	return base, nil
}

func (c *fakeConnector) Driver() driver.Driver { return fakeDriver{c} }

type fakeDriver struct{ c *fakeConnector }

func (d fakeDriver) Open(string) (driver.Conn, error) { return d.c.Connect(context.Background()) }

// fakeConn implements driver.Conn, ConnPrepareContext, ConnBeginTx, ExecerContext,
// QueryerContext and Pinger.
type fakeConn struct {
	state *driverState
	id    uint32
}

type connResetter struct{ *fakeConn }
type connValidator struct{ *fakeConn }
type connResetterValidator struct{ *fakeConn }

func (c *connResetter) ResetSession(ctx context.Context) error          { return c.resetSession(ctx) }
func (c *connResetterValidator) ResetSession(ctx context.Context) error { return c.resetSession(ctx) }
func (c *connValidator) IsValid() bool                                  { return c.isValid() }
func (c *connResetterValidator) IsValid() bool                          { return c.isValid() }

func (c *fakeConn) site(kind string, ctx context.Context, detail string) callSite {
	return callSite{kind: kind, conn: c.id, detail: detail, ctx: ctx}
}

func (c *fakeConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *fakeConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *fakeConn) Close() error {
	return c.state.run(c.site("Close", nil, ""), func() error { return nil })
}

func (c *fakeConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var stmt *fakeStmt
	err := c.state.run(c.site("Prepare", ctx, query), func() error {
		parsed, err := parseQuery(query)
		if err != nil {
			return err
		}
		c.state.withLock(func() {
			c.state.conn(c.id).openStmts++
			c.state.stmts++
			stmt = &fakeStmt{state: c.state, conn: c.id, id: c.state.stmts, query: query, parsed: parsed}
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return stmt, nil
}

func (c *fakeConn) BeginTx(ctx context.Context, _ driver.TxOptions) (driver.Tx, error) {
	var tx *fakeTx
	err := c.state.run(c.site("Begin", ctx, ""), func() (err error) {
		c.state.withLock(func() {
			conn := c.state.conn(c.id)
			if conn.openTx != 0 {
				err = fmt.Errorf("fakedb: conn %d already in tx %d", c.id, conn.openTx)
				return
			}
			c.state.txs++
			conn.openTx = c.state.txs
			tx = &fakeTx{state: c.state, conn: c.id, id: conn.openTx, ctx: ctx}
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return tx, nil
}

func (c *fakeConn) parseForExecer(query string) (parsedQuery, error) {
	if c.state.opts.ExecerReturnsSkip {
		return parsedQuery{}, driver.ErrSkip
	}
	return parseQuery(query)
}

func (c *fakeConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	var res driver.Result
	err := c.state.run(c.site("Exec", ctx, query), func() (err error) {
		parsed, err := c.parseForExecer(query)
		if err == nil {
			res, err = execParsed(c.state, parsed, args)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (c *fakeConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	var rows driver.Rows
	err := c.state.run(c.site("Query", ctx, query), func() (err error) {
		parsed, err := c.parseForExecer(query)
		if err == nil {
			rows, err = queryParsed(c.state, c.id, ctx, parsed, args)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func (c *fakeConn) Ping(ctx context.Context) error {
	return c.state.run(c.site("Ping", ctx, ""), func() error { return nil })
}

func (c *fakeConn) resetSession(ctx context.Context) error {
	return c.state.run(c.site("ResetSession", ctx, ""), func() error { return nil })
}

func (c *fakeConn) isValid() bool {
	return c.state.run(c.site("ValidConnection", nil, ""), func() error { return nil }) == nil
}

func execParsed(s *driverState, q parsedQuery, args []driver.NamedValue) (driver.Result, error) {
	bound, err := bindQuery(q, args)
	if err != nil {
		return nil, err
	}
	var out execOutcome
	s.withLock(func() { out, err = s.table.exec(bound) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

func queryParsed(s *driverState, conn uint32, ctx context.Context, q parsedQuery, args []driver.NamedValue) (driver.Rows, error) {
	bound, err := bindQuery(q, args)
	if err != nil {
		return nil, err
	}
	var rows *fakeRows
	s.withLock(func() {
		var data queryOutcome
		data, err = s.table.query(bound)
		if err != nil {
			return
		}
		s.conn(conn).openRows++
		s.rows++
		rows = &fakeRows{state: s, conn: conn, id: s.rows, ctx: ctx, data: data}
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type fakeStmt struct {
	state  *driverState
	conn   uint32
	id     uint64
	query  string
	parsed parsedQuery
	closed bool
}

func (s *fakeStmt) site(kind string, ctx context.Context) callSite {
	return callSite{kind: kind, conn: s.conn, object: s.id, objectClosed: s.closed, detail: s.query, ctx: ctx}
}

func (s *fakeStmt) Close() error {
	site := s.site("Stmt.Close", nil)
	site.detail = ""
	s.closed = true
	if !site.objectClosed {
		s.state.withLock(func() { s.state.conn(s.conn).openStmts-- })
	}
	return s.state.run(site, func() error { return nil })
}

func (s *fakeStmt) NumInput() int { return s.parsed.numInput }

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

func (s *fakeStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	var res driver.Result
	err := s.state.run(s.site("Stmt.Exec", ctx), func() (err error) {
		res, err = execParsed(s.state, s.parsed, args)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (s *fakeStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	var rows driver.Rows
	err := s.state.run(s.site("Stmt.Query", ctx), func() (err error) {
		rows, err = queryParsed(s.state, s.conn, ctx, s.parsed, args)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type fakeRows struct {
	state  *driverState
	conn   uint32
	id     uint64
	ctx    context.Context
	data   queryOutcome
	next   int
	closed bool
}

func (r *fakeRows) Columns() []string { return r.data.columns }

func (r *fakeRows) Next(dest []driver.Value) error {
	site := callSite{kind: "Rows.Next", conn: r.conn, object: r.id, objectClosed: r.closed, ctx: r.ctx}
	return r.state.run(site, func() error {
		if r.next >= len(r.data.rows) {
			return io.EOF
		}
		copy(dest, r.data.rows[r.next])
		r.next++
		return nil
	})
}

func (r *fakeRows) Close() error {
	wasClosed := r.closed
	r.closed = true
	if !wasClosed {
		r.state.withLock(func() { r.state.conn(r.conn).openRows-- })
	}
	site := callSite{kind: "Rows.Close", conn: r.conn, object: r.id, objectClosed: wasClosed}
	return r.state.run(site, func() error { return nil })
}

type fakeTx struct {
	state *driverState
	conn  uint32
	id    uint64
	ctx   context.Context
	ended bool
}

func (t *fakeTx) Commit() error   { return t.end("Commit") }
func (t *fakeTx) Rollback() error { return t.end("Rollback") }

// end: the tx ends whatever the call returns (FakeTx::End).
func (t *fakeTx) end(kind string) error {
	wasEnded := t.ended
	t.ended = true
	t.state.withLock(func() {
		if c := t.state.conn(t.conn); !wasEnded && c.openTx == t.id {
			c.openTx = 0
		}
	})
	site := callSite{kind: kind, conn: t.conn, object: t.id, objectClosed: wasEnded, ctx: t.ctx}
	return t.state.run(site, func() error { return nil })
}

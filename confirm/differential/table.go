// The fake driver's query language and its one in-memory table, as model/fakedb/query.cc
// and table.cc define them (the same queries, results and error texts):
//
//	INSERT|<id>|<name>  DELETE|<id>  NOOP  (execs);  SELECT  SELECT|<id>  COUNT  (queries)
//
// An <id> or <name> may be "?", bound in order to the call's arguments.
package main

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

type queryKind int

const (
	qInsert queryKind = iota
	qDelete
	qNoop
	qSelectAll
	qSelectOne
	qCount
)

var queryShapes = []struct {
	command  string
	operands int
	kind     queryKind
}{
	{"INSERT", 2, qInsert}, {"DELETE", 1, qDelete}, {"NOOP", 0, qNoop},
	{"SELECT", 0, qSelectAll}, {"SELECT", 1, qSelectOne}, {"COUNT", 0, qCount},
}

type queryField struct {
	placeholder bool
	literal     string
}

type parsedQuery struct {
	kind     queryKind
	fields   []queryField
	numInput int
}

func invalid(what, text string) error {
	return fmt.Errorf("fakedb: %s: %q", what, text)
}

func parseQuery(text string) (parsedQuery, error) {
	parts := strings.Split(text, "|")
	if len(parts) > 3 {
		return parsedQuery{}, invalid("unknown query", text)
	}
	operands := len(parts) - 1
	for _, shape := range queryShapes {
		if shape.command != parts[0] || shape.operands != operands {
			continue
		}
		q := parsedQuery{kind: shape.kind}
		for _, p := range parts[1:] {
			if p == "" {
				return parsedQuery{}, invalid("empty operand", text)
			}
			ph := p == "?"
			if ph {
				q.numInput++
				p = ""
			}
			q.fields = append(q.fields, queryField{ph, p})
		}
		return q, nil
	}
	return parsedQuery{}, invalid("unknown query", text)
}

func (q parsedQuery) returnsRows() bool {
	return q.kind == qSelectAll || q.kind == qSelectOne || q.kind == qCount
}

type boundQuery struct {
	kind queryKind
	id   int64
	name string
}

func bindQuery(q parsedQuery, args []driver.NamedValue) (boundQuery, error) {
	if len(args) != q.numInput {
		return boundQuery{}, fmt.Errorf("fakedb: query wants %d arguments, got %d", q.numInput, len(args))
	}
	b := boundQuery{kind: q.kind}
	next := 0
	arg := func(f queryField) driver.Value {
		if !f.placeholder {
			return nil
		}
		next++
		return args[next-1].Value
	}
	if len(q.fields) > 0 {
		f := q.fields[0]
		v := arg(f)
		if !f.placeholder {
			id, err := strconv.ParseInt(f.literal, 10, 64)
			if err != nil {
				return boundQuery{}, invalid("id is not an integer", f.literal)
			}
			b.id = id
		} else if id, ok := v.(int64); ok {
			b.id = id
		} else {
			return boundQuery{}, invalid("id argument is not int64", fmt.Sprint(v))
		}
	}
	if len(q.fields) > 1 {
		f := q.fields[1]
		v := arg(f)
		switch {
		case !f.placeholder:
			b.name = f.literal
		case isString(v):
			b.name = asString(v)
		default:
			return boundQuery{}, invalid("name argument is not text", fmt.Sprint(v))
		}
	}
	return b, nil
}

func isString(v driver.Value) bool {
	switch v.(type) {
	case string, []byte:
		return true
	}
	return false
}

func asString(v driver.Value) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v.(string)
}

type table struct {
	rows map[int64]string
}

type execOutcome struct {
	lastInsertID, rowsAffected int64
}

func (r execOutcome) LastInsertId() (int64, error) { return r.lastInsertID, nil }
func (r execOutcome) RowsAffected() (int64, error) { return r.rowsAffected, nil }

func (t *table) exec(q boundQuery) (execOutcome, error) {
	switch q.kind {
	case qNoop:
		return execOutcome{}, nil
	case qInsert:
		if _, ok := t.rows[q.id]; ok {
			return execOutcome{}, fmt.Errorf("fakedb: duplicate id %d", q.id)
		}
		t.rows[q.id] = q.name
		return execOutcome{q.id, 1}, nil
	case qDelete:
		_, ok := t.rows[q.id]
		delete(t.rows, q.id)
		if ok {
			return execOutcome{0, 1}, nil
		}
		return execOutcome{}, nil
	}
	return execOutcome{}, errors.New("fakedb: a query that returns rows used as an exec")
}

type queryOutcome struct {
	columns []string
	rows    [][]driver.Value
}

func (t *table) query(q boundQuery) (queryOutcome, error) {
	switch q.kind {
	case qSelectAll:
		ids := make([]int64, 0, len(t.rows))
		for id := range t.rows {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		out := queryOutcome{columns: []string{"id", "name"}}
		for _, id := range ids {
			out.rows = append(out.rows, []driver.Value{id, t.rows[id]})
		}
		return out, nil
	case qSelectOne:
		out := queryOutcome{columns: []string{"id", "name"}}
		if name, ok := t.rows[q.id]; ok {
			out.rows = append(out.rows, []driver.Value{q.id, name})
		}
		return out, nil
	case qCount:
		return queryOutcome{columns: []string{"count"}, rows: [][]driver.Value{{int64(len(t.rows))}}}, nil
	}
	return queryOutcome{}, errors.New("fakedb: an exec used as a query")
}

// The .prune recipe language. The parse tree is never interpreted: dev.prune.parser builds the
// immutable AST (dev.prune.ast) from it, and everything after that works on the AST.
grammar Prune;

// Statements end at ';' or a newline; blank lines and comment lines are separators too. The loops
// decide on one token, so that a statement with a syntax error is skipped alone (see
// dev.prune.parser.StatementRecovery).
recipe
    : (sep | statement end)* EOF
    ;

sep
    : SEMI
    | NEWLINE
    ;

// The end of a statement: a separator or the end of the file. A '}' ends one too: the token filter
// puts a newline before a '}' that follows a statement on its line.
end
    : SEMI
    | NEWLINE
    | EOF
    ;

block
    : LBRACE (sep | statement end)* RBRACE
    ;

// What a module needs in place; a model or data written after it is the stand-in it is checked
// on alone (requires model vgg(depth=11), data, lr); lr: a learning rate in force.
requirement
    : need=(MODEL | DATA) expr?
    | need=(LR | TRAIN)
    ;

statement
    : IMPORT STRING                                   # importStmt
    | REQUIRES requirement (COMMA requirement)*      # requiresStmt
    | PARAM IDENT ASSIGN expr                         # paramStmt
    | LET IDENT ASSIGN expr                           # letStmt
    | SEED expr                                       # seedStmt
    | MODEL expr                                      # modelStmt
    | DATA expr                                       # dataStmt
    | OPTIMIZER expr                                  # optimizerStmt
    | TRAIN (UP TO)? expr (LR expr)? (STOP expr)?     # trainStmt
    | RETRAIN (UP TO)? expr (LR expr)? (STOP expr)?   # retrainStmt
    | SCRATCH expr (LR expr)?                         # scratchStmt
    | PRUNE GLOBAL? criterion=expr? pruneClause+      # pruneStmt
    | LR expr                                         # lrStmt
    | PENALTY (expr | NONE)                           # penaltyStmt
    | REWIND (TO point=(ITERATION | EPOCH)? expr (WITH LR)? | NONE) # rewindStmt
    | CHECKPOINT IDENT                                # checkpointStmt
    | FREEZE selector                                 # freezeStmt
    | UNFREEZE selector?                              # unfreezeStmt
    | FINETUNE WHEN expr                              # finetuneStmt
    | RUN UNTIL expr (MAX expr)?                      # runUntilStmt
    | RUN expr                                        # runStmt
    | EVALUATE                                        # evaluateStmt
    | REPORT                                          # reportStmt
    | SAVE STRING                                     # saveStmt
    | COMPACT STRING?                                 # compactStmt
    | EXPECT expr (AT expr)? (IN variantRef (COMMA variantRef)*)? # expectStmt
    | SWEEP IDENT (IN expr)? block                    # sweepStmt
    // A named block: one variant of a 'sweep NAME { ... }' without 'in' (the checker keeps it there).
    | IDENT block                                     # variantStmt
    ;

// 'expect ... in rate = 20%' or 'in a = 1, b = init': a variant of an earlier sweep, as recorded.
variantRef
    : IDENT ASSIGN expr
    ;

// How much, where and when a prune statement acts; the checker decides which combinations make sense.
// 'by 20% on hidden, 10% on output' gives layers rates of their own; a lone 'by 20% on hidden' is a
// 'by' clause and an 'on' clause.
pruneClause
    : BY expr (ON selector (COMMA expr ON selector)+)? # byClause
    | TO expr (ON selector (COMMA expr ON selector)+)? (OVER expr)? # toClause
    | EVERY (CYCLE | expr)                            # everyClause
    | FROM expr                                       # fromClause
    | UNTIL expr                                      # untilClause
    | AT IDENT                                        # atClause
    | GLOBAL                                          # globalClause
    | LAYERWISE                                       # layerwiseClause
    | ON selector                                     # onClause
    | EXCEPT selector                                 # exceptClause
    ;

selector
    : LAYERS WHERE expr                               # whereSelector
    | LAYERS expr DOTDOT expr                         # rangeSelector
    | LAYERS LBRACK (expr (COMMA expr)*)? RBRACK      # listSelector
    | LAYERS                                          # allSelector
    | percent=expr OF LAYERS (WHERE expr)?            # fractionSelector
    | IDENT (COMMA IDENT)*                            # nameSelector
    | STRING                                          # stringSelector
    ;

expr
    : MINUS expr                                      # negExpr
    | NOT expr                                        # notExpr
    | expr op=(STAR | SLASH) expr                     # mulExpr
    | expr op=(PLUS | MINUS) expr                     # addExpr
    | expr op=(LT | LE | GT | GE | EQ | NE) expr      # cmpExpr
    | expr AND expr                                   # andExpr
    | expr OR expr                                    # orExpr
    | NUMBER unit=(PERCENT | EPOCHS | EPOCH | ITERATIONS | ITERATION | CYCLES | CYCLE)? # numberExpr
    | STRING                                          # stringExpr
    | TRUE                                            # trueExpr
    | FALSE                                           # falseExpr
    | IDENT LPAREN (arg (COMMA arg)*)? RPAREN         # callExpr
    | name=(IDENT | CYCLE | EPOCH)                    # nameExpr
    | LBRACK (expr (COMMA expr)*)? RBRACK             # listExpr
    | LPAREN expr RPAREN                              # parenExpr
    ;

arg
    : (argName ASSIGN)? expr
    ;

// Parameter names may be words that are keywords elsewhere: s_cyc(max=0.1), shapes(train=600).
argName
    : IDENT | IMPORT | PARAM | LET | SEED | MODEL | DATA | OPTIMIZER | TRAIN | RETRAIN | PRUNE | LR
    | REWIND | CHECKPOINT | FREEZE | UNFREEZE | FINETUNE | WHEN | RUN | UNTIL | MAX | EVALUATE
    | REPORT | SAVE | COMPACT | EXPECT | SWEEP | IN | BY | TO | OVER | EVERY | AT | GLOBAL | LAYERWISE | ON
    | EXCEPT | NONE | LAYERS | WHERE | OF | EPOCHS | EPOCH | ITERATIONS | ITERATION | CYCLES | CYCLE
    | FROM | UP | STOP | WITH | SCRATCH | REQUIRES | PENALTY
    ;

IMPORT     : 'import';
REQUIRES   : 'requires';
PARAM      : 'param';
LET        : 'let';
SEED       : 'seed';
MODEL      : 'model';
DATA       : 'data';
OPTIMIZER  : 'optimizer';
TRAIN      : 'train';
RETRAIN    : 'retrain';
PRUNE      : 'prune';
LR         : 'lr';
REWIND     : 'rewind';
CHECKPOINT : 'checkpoint';
FREEZE     : 'freeze';
UNFREEZE   : 'unfreeze';
FINETUNE   : 'finetune';
WHEN       : 'when';
RUN        : 'run';
UNTIL      : 'until';
MAX        : 'max';
EVALUATE   : 'evaluate';
REPORT     : 'report';
SAVE       : 'save';
COMPACT    : 'compact';
EXPECT     : 'expect';
SWEEP      : 'sweep';
IN         : 'in';
BY         : 'by';
TO         : 'to';
OVER       : 'over';
EVERY      : 'every';
AT         : 'at';
GLOBAL     : 'global';
LAYERWISE  : 'layerwise';
ON         : 'on';
EXCEPT     : 'except';
NONE       : 'none';
LAYERS     : 'layers';
WHERE      : 'where';
OF         : 'of';
AND        : 'and';
OR         : 'or';
NOT        : 'not';
TRUE       : 'true';
FALSE      : 'false';
EPOCHS     : 'epochs';
EPOCH      : 'epoch';
ITERATIONS : 'iterations';
ITERATION  : 'iteration';
CYCLES     : 'cycles';
CYCLE      : 'cycle';
FROM       : 'from';
UP         : 'up';
STOP       : 'stop';
WITH       : 'with';
SCRATCH    : 'scratch';
PENALTY    : 'penalty';

SEMI     : ';';
COMMA    : ',';
ASSIGN   : '=';
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
LBRACE   : '{';
RBRACE   : '}';
DOTDOT   : '..';
PERCENT  : '%';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
SLASH    : '/';
LE       : '<=';
GE       : '>=';
EQ       : '==';
NE       : '!=';
LT       : '<';
GT       : '>';

NUMBER   : DIGITS ('.' DIGITS)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
STRING   : '"' (~["\\\r\n] | '\\' .)* '"' ;
IDENT    : [a-zA-Z_] [a-zA-Z_0-9]* ;

// Newlines separate statements; inside ( ) and [ ] the parser never sees them (see
// dev.prune.parser.NewlineFilter), so calls and lists may span lines. A trailing backslash
// continues any other line.
NEWLINE  : '\r'? '\n' ;
COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS       : [ \t]+ -> channel(HIDDEN) ;
CONTINUATION : '\\' [ \t]* '\r'? '\n' -> channel(HIDDEN) ;

// Never let the lexer throw: anything else becomes a token the parser reports with its position.
ERRCHAR  : . ;

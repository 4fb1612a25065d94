/** Common Swedish given names and surnames (SCB's most frequent), for demo data. */
export const FIRST_NAMES = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Ingrid',
  'Sofia', 'Malin', 'Linnea', 'Elin', 'Ida', 'Hanna', 'Johanna', 'Julia', 'Åsa', 'Ulla',
  'Birgitta', 'Annika', 'Camilla', 'Jenny', 'Frida', 'Maja', 'Alva', 'Ebba', 'Agnes', 'Märta',
  'Lars', 'Mikael', 'Anders', 'Johan', 'Erik', 'Per', 'Karl', 'Peter', 'Thomas', 'Jan',
  'Daniel', 'Fredrik', 'Hans', 'Andreas', 'Stefan', 'Mats', 'Magnus', 'Mattias', 'Jonas', 'Björn',
  'Oskar', 'Gustav', 'Axel', 'Emil', 'Viktor', 'Olle', 'Göran', 'Håkan', 'Nils', 'Åke',
  'Amir', 'Fatima', 'Ali', 'Leila', 'Mohammed', 'Yasmin', 'Ahmed', 'Noor', 'Hassan', 'Sanna',
];

export const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson',
  'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg',
  'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund',
  'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström',
  'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren',
  'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Nordström', 'Mårtensson', 'Lundström', 'Ali',
  'Mohammed', 'Hassan', 'Ahmed', 'Yilmaz', 'Nguyen', 'Kovačević', 'Virtanen', 'Öberg',
];

export const PLACES = [
  'Centrum', 'Norra', 'Södra', 'Östra', 'Västra', 'Älvdalen', 'Björkby', 'Ekbacken', 'Granåsen',
  'Hagalund', 'Kvarnby', 'Lillsjön', 'Mossen', 'Näset', 'Oxhagen', 'Prästgården', 'Rosendal',
  'Sjöstaden', 'Tallbacken', 'Udden', 'Vallby', 'Åkerby', 'Ängsvik', 'Ödmården', 'Backa',
  'Dalby', 'Furulund', 'Hammarby', 'Kyrkbyn', 'Lövsta', 'Malmen', 'Norrby', 'Rönnäng', 'Skogsby',
  'Strandvik', 'Torpa', 'Vreta', 'Åsen', 'Berga', 'Fågelsången',
];

export const PRESCHOOL_NAMES = [
  'Blåklockan', 'Solrosen', 'Ekorren', 'Lärkan', 'Humlan', 'Nyckelpigan', 'Trollet', 'Vitsippan',
  'Myran', 'Kotten', 'Regnbågen', 'Svalan', 'Stjärnan', 'Igelkotten', 'Måsen', 'Tussilagon',
];
